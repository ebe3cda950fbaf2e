import type { Metadata } from 'next';
import Link from 'next/link';
import { getNotificationPreferences } from '@/lib/dal';
import { requireViewer } from '@/lib/dal/session';
import { PageHeader } from '@/components/app-shell';
import { PreferencesFormView } from '@/components/notifications/preferences-form';
import { digestTimeText } from '@/lib/notifications/kinds';
import { updatePreferencesAction } from '../actions';

export const metadata: Metadata = { title: 'Email settings' };

export default async function NotificationSettingsPage() {
  const viewer = await requireViewer();
  const preferences = await getNotificationPreferences(viewer);
  return (
    <>
      <p className="mb-4">
        <Link href="/notifications">← Notifications</Link>
      </p>
      <PageHeader
        title="Email settings"
        lead={
          <>
            Choose, for each kind of notification, whether we email you each time, once a day in a digest, or not at all. Every notification still shows under the bell. Emails go to{' '}
            {/* An address is one long word: let it break rather than push the page sideways at 320 px. */}
            <span className="break-all">{viewer.email}</span> and hold only a short title and a link, never what anyone wrote.
          </>
        }
      />
      <div className="max-w-3xl bg-white p-5">
        <PreferencesFormView initial={preferences} save={updatePreferencesAction} digestTime={digestTimeText()} />
      </div>
    </>
  );
}
