// The vendor's first day (docs/DESIGN.md §2 vendor): the stall is registered and credentialed by the
// market office and the health authority; the vendor sets up the app with the key they were
// enrolled with, records today's produce, publishes, waits for the code, and prints the A4 poster.
// The poster, printed and read back by a QR decoder, must carry exactly the code the app shows —
// and a shopper scanning it sees the stall verified.

import { expect, test } from './fixtures/sanma';
import { readPrintedPages } from './fixtures/printed-page';
import { CodeLink } from './pages/shopper';
import { VendorApp } from './pages/vendor';

test('a vendor publishes today’s produce and prints a poster whose QR code is exactly the app’s code', async ({ page, browser, demo }) => {
  // B06 冯家腌菜: registered and credentialed, no code published yet.
  const stallNo = 'B06';
  const vendor = new VendorApp(page);

  await test.step('set up the app with the enrolled key; the ledger knows the stall', async () => {
    await vendor.open();
    await vendor.onboardAsDemoVendor(stallNo);
    await vendor.expectRegisteredAs(stallNo);
  });

  await test.step('record today’s batches', async () => {
    await vendor.addBatch({ product: '雪菜', origin: '浙江宁波', supplier: '宁波雪菜厂', amount: 20, unit: 'kg', test: 'none' });
    await vendor.addBatch({ product: '榨菜', origin: '重庆涪陵', supplier: '涪陵榨菜集团', amount: 15, unit: 'jin', test: 'pass' });
  });

  const codeText = await test.step('publish: pending until the validators sign its block, then the code', async () => {
    const outbox = await vendor.recordOutboxStates();
    await vendor.publish();
    await vendor.expectOutbox('included');
    const states = await outbox.states();
    expect(states[0], `outbox states seen: ${states.join(' → ')}`).toMatch(/^(queued|sent)$/);
    expect(states.at(-1)).toBe('included');
    return vendor.publishedCodeText();
  });

  await test.step('print the A4 poster; the printed QR code reads back as exactly the app’s code', async () => {
    const pdf = await vendor.printPoster('a4');
    const pages = await readPrintedPages(pdf, 200);
    await test.info().attach('poster-a4-200dpi.png', { body: Buffer.from(pages[0]?.png ?? []), contentType: 'image/png' });
    expect(pages.length, 'the poster is one page').toBe(1);
    expect(pages[0]!.codes).toEqual([codeText]);
  });

  await test.step('a shopper who scans the poster sees the stall verified', async () => {
    const shopperContext = await browser.newContext();
    try {
      const link = new CodeLink(await shopperContext.newPage());
      await link.open(codeText);
      await link.verdict.expectStatus('verified');
      await link.verdict.expectStall(stallNo, demo.stallName(stallNo));
    } finally {
      await shopperContext.close();
    }
  });
});
