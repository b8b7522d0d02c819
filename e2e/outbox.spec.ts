// A vendor publishes with no network (a market hall with no signal): the record waits in the
// outbox on the phone, and goes out by itself when the network is back; then the code appears.

import { expect, test } from './fixtures/sanma';
import { VendorApp } from './pages/vendor';

test('a vendor publishes offline; the outbox sends it when the network is back and the code appears', async ({ page, context }) => {
  // A06 赵氏菌菇: a registered stall whose vendor republishes today's produce.
  const stallNo = 'A06';
  const vendor = new VendorApp(page);

  await vendor.open();
  await vendor.onboardAsDemoVendor(stallNo);
  await vendor.expectRegisteredAs(stallNo);
  await vendor.addBatch({ product: '香菇', origin: '浙江丽水庆元', supplier: '庆元香菇合作社', amount: 12, unit: 'kg', test: 'pass' });
  await expect(vendor.publishButton).toBeEnabled({ timeout: 20_000 });

  await test.step('offline: publishing leaves the record queued on the phone', async () => {
    await context.setOffline(true);
    await expect(vendor.shell.netStatus).toHaveAttribute('data-online', 'false');
    await vendor.publish();
    await vendor.expectOutbox('queued');
    await page.waitForTimeout(1500);
    await vendor.expectOutbox('queued');
    await expect(vendor.codeText).toHaveCount(0);
  });

  await test.step('online again: sent, included in a block, and the code is shown', async () => {
    await context.setOffline(false);
    await expect(vendor.shell.netStatus).toHaveAttribute('data-online', 'true');
    await vendor.expectOutbox('included', 60_000);
    const text = await vendor.publishedCodeText();
    expect(text).toContain('/C#');
  });
});
