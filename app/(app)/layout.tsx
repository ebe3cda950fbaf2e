import { countMarkingQueue } from '@/lib/dal';
import { getViewer } from '@/lib/dal/session';
import { navigationFor, ROLE_LABEL } from '@/lib/navigation';
import { AppShell } from '@/components/app-shell';
import { signOutAction } from './actions';

// The shell only shows who is signed in; each page checks access itself through lib/dal.
export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const viewer = await getViewer();
  if (!viewer) return <main id="main">{children}</main>;
  const marking = viewer.role === 'trainer' ? await countMarkingQueue(viewer) : undefined;
  return (
    <AppShell user={{ name: viewer.name, roleLabel: ROLE_LABEL[viewer.role] }} nav={navigationFor(viewer.role, { marking })} signOut={signOutAction}>
      {children}
    </AppShell>
  );
}
