// A shopper at a stall scans its code with the app's scanner (fake camera) and sees, in a second,
// that the stall is genuine: verified, with the stall's number and name to compare with the stall.

import { expect, test } from './fixtures/sanma';
import { ShopperScanner } from './pages/shopper';

test('a shopper scans a stall’s code and sees it verified, with the stall’s number and name', async ({ page, camera, demo }) => {
  const stall = demo.goodStall();
  const shopper = new ShopperScanner(page);
  await shopper.open();

  camera.pointAt(stall.text);
  const { cameraToVerdictMs } = await shopper.scan();
  console.log(`camera-to-verdict-ms: ${cameraToVerdictMs}`);
  test.info().annotations.push({ type: 'camera-to-verdict-ms', description: String(cameraToVerdictMs) });

  await shopper.verdict.expectStatus('verified');
  await shopper.verdict.expectStall(stall.stallNo, stall.stallName);
  await expect(shopper.scanner, 'the camera is released once the code is read').toHaveCount(0);
});
