import { describe, expect, it } from 'vitest';
import { createLocalBucket } from '../fixtures/local-bucket.js';

describe('Integration: object store on the local S3', () => {
  it('takes an upload through its presigned form and hands it out by a presigned link', async () => {
    // Prepare
    const { store } = await createLocalBucket('object-store');
    const form = await store.presignUpload({
      key: 'uploads/imk/01TEST',
      maxBytes: 1024,
      expiresInSeconds: 300,
      successRedirect: 'http://localhost:9/console/done',
    });
    const body = new FormData();
    for (const [name, value] of Object.entries(form.fields)) body.append(name, value);
    body.append('file', new Blob(['%PDF-1.7 Bericht']), 'bericht.pdf');

    // Act
    const posted = await fetch(form.url, { method: 'POST', body, redirect: 'manual' });
    await store.addTags('uploads/imk/01TEST', { scan: 'clean' });
    await store.addTags('uploads/imk/01TEST', { retention: 'P6M' });
    const link = await store.presignDownload('uploads/imk/01TEST', {
      expiresInSeconds: 60,
      fileName: 'Bericht Förderung.pdf',
      contentType: 'application/pdf',
    });
    const downloaded = await fetch(link);

    // Assess
    expect(posted.status).toBe(303);
    expect(posted.headers.get('location')).toContain('key=uploads%2Fimk%2F01TEST');
    expect(await store.size('uploads/imk/01TEST')).toBe(16);
    expect(Buffer.from((await store.read('uploads/imk/01TEST', 4)) ?? []).toString()).toBe('%PDF');
    expect(await store.tags('uploads/imk/01TEST')).toEqual({ scan: 'clean', retention: 'P6M' });
    expect(downloaded.status).toBe(200);
    expect(downloaded.headers.get('content-disposition')).toContain(
      "filename*=UTF-8''Bericht%20F%C3%B6rderung.pdf",
    );
    expect(await downloaded.text()).toBe('%PDF-1.7 Bericht');
  });

  it('says there is nothing for a key never written, and copies one and forgets a removed one', async () => {
    // Prepare
    const { store } = await createLocalBucket('object-store');
    await store.write('papers/x', new TextEncoder().encode('x'), 'text/plain');

    // Act
    await store.copy('papers/x', 'papers/y', 'text/plain');
    await store.remove('papers/x');
    await store.remove('papers/x');

    // Assess
    expect(await store.size('papers/x')).toBeUndefined();
    expect(await store.read('never')).toBeUndefined();
    expect(Buffer.from((await store.read('papers/y')) ?? []).toString()).toBe('x');
  });
});
