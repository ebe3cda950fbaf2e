import type { Metadata } from 'next';
import Link from 'next/link';
import { requireViewer } from '@/lib/dal/session';
import { ChangePasswordForm } from './change-password-form';

export const metadata: Metadata = { title: 'Change your password' };

export default async function ChangePasswordPage() {
  const viewer = await requireViewer({ allowPasswordChange: true });
  return (
    <div className="bg-white p-6 shadow-sm">
      <h1 className="mb-2 text-3xl font-bold">{viewer.mustChangePassword ? 'Choose a new password' : 'Change your password'}</h1>
      <p className="mb-6 text-nhs-grey-1">
        {viewer.mustChangePassword
          ? 'Your password was set by an administrator. Choose your own before you continue.'
          : `Signed in as ${viewer.email}.`}
      </p>
      <ChangePasswordForm />
      {!viewer.mustChangePassword && (
        <p className="mt-6">
          <Link href="/">Back to your home page</Link>
        </p>
      )}
    </div>
  );
}
