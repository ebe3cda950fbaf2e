import { redirect } from 'next/navigation';
import { getViewer, ROLE_HOME } from '@/lib/dal/session';

export default async function Home() {
  const viewer = await getViewer();
  if (!viewer) redirect('/login');
  if (viewer.mustChangePassword) redirect('/change-password');
  redirect(ROLE_HOME[viewer.role]);
}
