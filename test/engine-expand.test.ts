/** A batch's expansion crosses threads by transfer: every one of its arrays must be handed over (explorer/expand.ts). */
import { describe, expect, it } from 'vitest';
import { planChecks } from '../explorer/checks';
import { expandBatch, transferables } from '../explorer/expand';
import { loadHasher } from '../explorer/fingerprint';
import { loadModel } from '../explorer/load';
import { modulePath } from './support/engine-models';

describe('expanding a batch', () => {
  it('lists the buffer of every array of the expansion for transfer', async () => {
    const model = await loadModel({ module: modulePath('graphs'), args: { variant: 'steps', params: {} } });
    const encoded = model.encode(model.init()[0]);
    const expansion = expandBatch(model, planChecks(model), false, await loadHasher(), { data: encoded, offsets: Uint32Array.of(0, encoded.length) });
    expect(expansion.succCount[0]).toBe(model.next(model.init()[0]).length);
    const arrays = Object.values(expansion).filter((v): v is Uint8Array => ArrayBuffer.isView(v));
    const buffers = transferables(expansion);
    expect(new Set(buffers)).toEqual(new Set(arrays.map((a) => a.buffer)));
    expect(buffers).toHaveLength(arrays.length);
  });
});
