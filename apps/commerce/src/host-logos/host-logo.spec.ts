import { LOGO_MAX_BYTES } from '@kpa/contracts';
import { refusalOf } from '@kpa/testing/refusal';
import { checkLogo, sniffLogoType } from './host-logo';
import { aJpegHeader, aPng } from './logo.test-helpers';

/** The refusal of a logo; fails the test when it is accepted. */
async function refusal(bytes: Buffer) {
  const error = await checkLogo(bytes).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  return refusalOf(() => {
    if (error) throw error;
  });
}

describe('a host structure logo', () => {
  it('is a PNG or a JPEG told by its first bytes, with its size in pixels', async () => {
    expect(await checkLogo(aPng(60, 24))).toEqual({ contentType: 'image/png', width: 60, height: 24 });
    expect(await checkLogo(aJpegHeader(640, 480))).toEqual({ contentType: 'image/jpeg', width: 640, height: 480 });
    expect(sniffLogoType(Buffer.from('%PDF-1.7'))).toBeNull();
  });

  it('refuses another type whatever its name, an empty file, a damaged PNG: 422 LOGO_TYPE_NOT_ALLOWED saying what to send', async () => {
    const gif = await refusal(Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1'));
    expect(gif).toMatchObject({ code: 'LOGO_TYPE_NOT_ALLOWED' });
    expect(gif.message).toContain('PNG or JPEG');
    expect((await refusal(Buffer.alloc(0))).message).toContain('empty');
    const png = aPng(20, 20);
    const damaged = await refusal(Buffer.concat([png.subarray(0, 40), Buffer.alloc(20, 0x41)]));
    expect(damaged).toMatchObject({ code: 'LOGO_TYPE_NOT_ALLOWED' });
    expect(damaged.message).toContain('cannot be read');
  });

  it('refuses more than 300 KB or 2000 pixels a side: 413 LOGO_TOO_LARGE with the limits', async () => {
    const heavy = Buffer.concat([aJpegHeader(100, 100), Buffer.alloc(LOGO_MAX_BYTES)]);
    expect(await refusal(heavy)).toMatchObject({ code: 'LOGO_TOO_LARGE', details: { maxBytes: 307200 } });
    // A tiny file that would inflate to 4 000 × 4 000 pixels is refused before it is decoded.
    const wide = await refusal(aPng(4000, 10));
    expect(wide).toMatchObject({ code: 'LOGO_TOO_LARGE', details: { maxPixels: 2000 } });
    expect(wide.message).toContain('4000 × 10');
    expect((await checkLogo(Buffer.concat([aJpegHeader(100, 100), Buffer.alloc(LOGO_MAX_BYTES - 100)]))).contentType).toBe('image/jpeg');
  });
});
