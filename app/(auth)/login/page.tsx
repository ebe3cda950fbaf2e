import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getViewer } from '@/lib/dal/session';
import { microsoftSignInEnabled } from '@/lib/auth';
import { LoginForm } from './login-form';
import { signInWithMicrosoftAction } from './actions';

export const metadata: Metadata = { title: 'Sign in' };

const ERRORS: Record<string, string> = {
  NoAccount: 'Your Microsoft account is not set up in Coder Pathway. Ask your administrator to add your email address.',
  AccessDenied: 'Your Microsoft account is not set up in Coder Pathway. Ask your administrator to add your email address.',
};

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  if (await getViewer()) redirect('/');
  const { error } = await searchParams;
  return (
    <div className="bg-white p-6 shadow-sm">
      <h1 className="mb-2 text-3xl font-bold">Sign in</h1>
      <p className="mb-6 text-nhs-grey-1">For apprentices, trainers, employers and administrators.</p>
      {error && ERRORS[error] && (
        <div role="alert" className="mb-4 border-4 border-nhs-red p-4 font-bold text-nhs-red">
          {ERRORS[error]}
        </div>
      )}
      <LoginForm />
      {microsoftSignInEnabled && (
        <form action={signInWithMicrosoftAction} className="mt-6 border-t border-nhs-grey-4 pt-6">
          <button type="submit" className="w-full border-2 border-nhs-black bg-white px-4 py-2 font-bold hover:bg-nhs-grey-5">
            Sign in with Microsoft (NHSmail)
          </button>
        </form>
      )}
    </div>
  );
}
