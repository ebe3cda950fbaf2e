import { countMarkingQueue, countOtjToReview, countUnreadMessages, countUnreadNotifications, countWrittenToMark } from '@/lib/dal';
import { getViewer } from '@/lib/dal/session';
import { navigationFor, ROLE_LABEL } from '@/lib/navigation';
import { AppShell } from '@/components/app-shell';
import { signOutAction } from './actions';

// The shell only shows who is signed in; each page checks access itself through lib/dal.
export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const viewer = await getViewer();
  // Someone who must first choose a new password reaches no data (the counts below included); the page
  // sends them to /change-password (requireViewer).
  if (!viewer || viewer.mustChangePassword) return <main id="main">{children}</main>;
  // Evidence to mark, mock papers' written answers to mark and off-the-job entries to review: one count,
  // all wait on the trainer (the marking page lists all three).
  // Messages waiting across one's conversations (an administrator has no Messages page: they read threads for oversight).
  const [marking, messages, unread] = await Promise.all([
    viewer.role === 'trainer' ? Promise.all([countMarkingQueue(viewer), countWrittenToMark(viewer), countOtjToReview(viewer)]).then((n) => n.reduce((a, b) => a + b, 0)) : undefined,
    viewer.role === 'admin' ? undefined : countUnreadMessages(viewer),
    countUnreadNotifications(viewer),
  ]);
  return (
    <AppShell user={{ name: viewer.name, roleLabel: ROLE_LABEL[viewer.role] }} nav={navigationFor(viewer.role, { marking, messages })} unread={unread} signOut={signOutAction}>
      {children}
    </AppShell>
  );
}
