// Puppeteer (pulled in by pa11y-ci for the accessibility check, scripts/a11y-check.ts) would download its own
// Chrome on `npm install`; this machine and CI have no route to that download, and the check drives Debian's
// Chromium (/usr/bin/chromium) instead. Read by every puppeteer install, so a plain `npm install` on a fresh
// clone skips it too.
/** @type {import('puppeteer').Configuration} */
module.exports = {
  skipDownload: true,
};
