// A shopper whose camera will not do picks a photo of the stall's code from the album (从相册选择):
// a 12-megapixel phone photo of the printed card, at an angle, a little out of focus, JPEG. The app
// reads it and shows the stall verified; a file that is not a picture gets a clear message.

import { expect, test } from './fixtures/sanma';
import { photographPrintedCode } from './fixtures/album-photo';
import { AlbumPicker } from './pages/album';
import { ShopperScanner } from './pages/shopper';

test('a shopper picks a photo of a stall’s code from the album and sees it verified', async ({ page, demo }) => {
  const stall = demo.goodStall();
  const photo = await photographPrintedCode(page, stall.text);
  const shopper = new ShopperScanner(page);
  const album = new AlbumPicker(page);
  await shopper.open();

  await test.step('a file that is not a picture: the app says it cannot read it', async () => {
    await album.pick({ name: 'notes.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('not a picture at all') });
    await expect(album.error).toBeVisible();
    await expect(shopper.verdict.status).toHaveCount(0);
  });

  await test.step('the 4000×3000 photo of the printed code: verified, with the stall’s number and name', async () => {
    const chosen = Date.now();
    await album.pick({ name: 'IMG_2041.jpg', mimeType: 'image/jpeg', buffer: photo });
    await expect(shopper.verdict.status).toBeVisible({ timeout: 30_000 });
    const photoToVerdictMs = Date.now() - chosen;
    console.log(`photo-to-verdict-ms: ${photoToVerdictMs} (${(photo.length / 1e6).toFixed(1)} MB JPEG)`);
    test.info().annotations.push({ type: 'photo-to-verdict-ms', description: String(photoToVerdictMs) });
    await shopper.verdict.expectStatus('verified');
    await shopper.verdict.expectStall(stall.stallNo, stall.stallName);
    await expect(album.error).toHaveCount(0);
  });
});
