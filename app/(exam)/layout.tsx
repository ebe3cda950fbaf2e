/**
 * Exam mode: the pages of a paper being sat show no site navigation, notification bell or footer links,
 * only the paper (its title, timer, question list and questions) and a way to leave it. The banner and
 * main landmarks stay, and the root layout's skip link still leads to #main. Each page checks access
 * itself through lib/dal, as in the app's own layout.
 */
export default function ExamLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col">
      <header className="bg-nhs-blue text-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-x-4 gap-y-1 px-4 py-3">
          <p className="text-lg font-bold">Coder Pathway</p>
          <p className="text-sm">Mock paper in progress</p>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-6xl flex-1 px-4 py-4 outline-none">
        {children}
      </main>
    </div>
  );
}
