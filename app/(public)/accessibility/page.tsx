import type { Metadata } from 'next';
import Link from 'next/link';

export const metadata: Metadata = { title: 'Accessibility statement' };

/** Where people report an accessibility problem, and how soon they hear back. */
export const ACCESSIBILITY_CONTACT = 'accessibility@coderpathway.example';

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="mt-8 space-y-4">
      <h2 id={id} className="text-2xl font-bold">
        {title}
      </h2>
      {children}
    </section>
  );
}

/**
 * The accessibility statement, in the format of the GOV.UK model statement that NHS services use (Public Sector
 * Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018). Public: no sign-in needed.
 * Keep "Non-accessible content" and "How we tested this website" true to what the checks find
 * (`npm run test:a11y`, the browser tests).
 */
export default function AccessibilityStatementPage() {
  return (
    <article className="bg-white p-6 shadow-sm">
      <h1 className="text-3xl font-bold">Accessibility statement for Coder Pathway</h1>
      <p className="mt-4">
        This accessibility statement applies to Coder Pathway, the service that clinical coding apprentices, their trainers, their employers and
        administrators use to follow the clinical coder apprenticeship (ST0535) from the first day to the end-point assessment.
      </p>

      <Section id="using" title="Using this website">
        <p>We want as many people as possible to be able to use this website. For example, that means you should be able to:</p>
        <ul className="list-disc space-y-1 pl-6">
          <li>change colours, contrast levels and fonts using your browser or device settings</li>
          <li>zoom in up to 400% without the text spilling off the screen</li>
          <li>use the website on a screen 320 pixels wide, such as a small phone, without scrolling sideways</li>
          <li>navigate most of the website using just a keyboard, with a visible focus indicator on every link, button and field</li>
          <li>navigate most of the website using speech recognition software</li>
          <li>listen to most of the website using a screen reader</li>
        </ul>
        <p>We&apos;ve also made the text as simple as possible to understand.</p>
        <p>
          <a href="https://mcmw.abilitynet.org.uk/">
            AbilityNet has advice on making your device easier to use
          </a>{' '}
          if you have a disability.
        </p>
      </Section>

      <Section id="how-accessible" title="How accessible this website is">
        <p>We know some parts of this website are not fully accessible:</p>
        <ul className="list-disc space-y-1 pl-6">
          <li>we have not yet tested the service with screen readers or speech recognition software, only with automated checks and a keyboard</li>
          <li>uploaded evidence files (PDFs, images and documents that apprentices and trainers add) may not be accessible: we do not check them</li>
          <li>the PDF files the service makes (progress reports, review records, KSB maps, evidence in a portfolio) are tagged, but have not been checked against the PDF/UA standard or with screen readers</li>
        </ul>
      </Section>

      <Section id="feedback" title="Feedback and contact information">
        <p>If you find a problem with the accessibility of this website, or you need information on it in a different format, such as accessible PDF, large print, easy read, audio recording or braille:</p>
        <ul className="list-disc space-y-1 pl-6">
          <li>
            email{' '}
            <a href={`mailto:${ACCESSIBILITY_CONTACT}`}>
              {ACCESSIBILITY_CONTACT}
            </a>
          </li>
          <li>or tell your trainer, who will pass it on</li>
        </ul>
        <p>Tell us the page you were on (its address), what you were trying to do, and the device, browser and any assistive technology you use.</p>
        <p>We&apos;ll reply within 5 working days, and tell you then when we expect to fix the problem.</p>
      </Section>

      <Section id="reporting" title="Reporting accessibility problems with this website">
        <p>
          We&apos;re always looking to improve the accessibility of this website. If you find any problems not listed on this page or think we&apos;re not
          meeting accessibility requirements, contact us at{' '}
          <a href={`mailto:${ACCESSIBILITY_CONTACT}`}>
            {ACCESSIBILITY_CONTACT}
          </a>
          .
        </p>
      </Section>

      <Section id="enforcement" title="Enforcement procedure">
        <p>
          The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public Sector Bodies (Websites and Mobile Applications) (No. 2)
          Accessibility Regulations 2018 (the &lsquo;accessibility regulations&rsquo;). If you&apos;re not happy with how we respond to your complaint,{' '}
          <a href="https://www.equalityadvisoryservice.com/">
            contact the Equality Advisory and Support Service (EASS)
          </a>
          .
        </p>
      </Section>

      <Section id="technical" title="Technical information about this website's accessibility">
        <p>Coder Pathway is committed to making its website accessible, in accordance with the Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018.</p>
        <h3 className="text-xl font-bold">Compliance status</h3>
        <p>
          This website is partially compliant with the{' '}
          <a href="https://www.w3.org/TR/WCAG22/">
            Web Content Accessibility Guidelines version 2.2
          </a>{' '}
          AA standard, due to the non-compliances listed below.
        </p>
      </Section>

      <Section id="non-accessible" title="Non-accessible content">
        <p>The content listed below is non-accessible for the following reasons.</p>
        <h3 className="text-xl font-bold">Non-compliance with the accessibility regulations</h3>
        <ul className="list-disc space-y-2 pl-6">
          <li>
            Evidence files that apprentices and trainers upload (PDFs, images, documents) are not checked for accessibility. They may have no text
            alternative or structure. This fails WCAG 2.2 success criteria 1.1.1 (non-text content) and 1.3.1 (info and relationships). Trainers can ask
            for an accessible version of any file.
          </li>
          <li>
            The PDF files the service produces (progress reports, signed review records, the KSB map and each piece of evidence in a portfolio export)
            are tagged: they have a title, a language, headings, lists and tables with header cells, in reading order. They use the standard PDF fonts
            without embedding them, so they do not meet the PDF/UA standard, and they have not been tried with screen readers. The same information is
            on the service&apos;s web pages. We plan to embed fonts and check the files against PDF/UA by the end of June 2027.
          </li>
          <li>
            The automated checks below cover every page at least once, but not every state a page can be in (for example each error message, or a
            form part way through). Problems in those states may remain until someone finds them: please tell us.
          </li>
        </ul>
        <h3 className="text-xl font-bold">Disproportionate burden</h3>
        <p>We are not claiming disproportionate burden for any content.</p>
        <h3 className="text-xl font-bold">Content that&apos;s not within the scope of the accessibility regulations</h3>
        <p>Evidence files uploaded by apprentices and trainers are third-party content that we do not fund, develop or control.</p>
      </Section>

      <Section id="improving" title="What we're doing to improve accessibility">
        <ul className="list-disc space-y-1 pl-6">
          <li>every change to the service runs the accessibility checks described below, and a change that brings a new problem is not released</li>
          <li>we will embed fonts in the PDF files the service makes and check them against PDF/UA by the end of June 2027</li>
          <li>we will test the service with disabled apprentices and trainers, including screen reader and voice control users, by March 2027</li>
        </ul>
      </Section>

      <Section id="testing" title="How we tested this website">
        <p>We test the whole service, for every kind of user (apprentices, trainers, employers and administrators), on every change:</p>
        <ul className="list-disc space-y-2 pl-6">
          <li>
            <strong>axe</strong> runs on every page the browser tests open, in Chromium, and fails the tests on any serious or critical problem
          </li>
          <li>
            <strong>pa11y-ci</strong>, with both of its checkers (HTML CodeSniffer and axe) against WCAG 2 AA, checks every page each kind of user can
            reach, plus the sign-in page and this statement, on a screen 320 pixels wide and on one 1280 pixels wide
          </li>
          <li>
            <strong>Lighthouse CI</strong> checks each kind of user&apos;s home page for accessibility (a score of at least 95 out of 100), performance
            and best practices (at least 90 each)
          </li>
          <li>the browser tests also check that no page scrolls sideways on a 320 pixel screen, and that every link, button and field shows a visible focus indicator with enough contrast</li>
          <li>we test manually with a keyboard only: every task can be done without a mouse, in a sensible order, with focus always visible</li>
        </ul>
        <p>
          This statement was prepared on 7 December 2026. It was last reviewed on 7 December 2026. The website was last tested on 7 December 2026, by
          the Coder Pathway team.
        </p>
      </Section>

      <p className="mt-8">
        <Link href="/">
          Go to Coder Pathway
        </Link>
      </p>
    </article>
  );
}
