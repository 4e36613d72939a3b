/** A worker thread of the search: builds its own copy of the model and expands batches. */
import workerpool from 'workerpool';
import { workerData } from 'worker_threads';
import { planChecks } from './checks';
import { expandBatch, transferables, type Batch } from './expand';
import { giveBack } from './expansion-buffers';
import { loadHasher } from './fingerprint';
import { sampleBatch } from './spec-check';
import type { ModelSource, SpecDefinition } from './spec';

interface WorkerSetup {
  readonly source: ModelSource;
  readonly symmetry: boolean;
}

const { source, symmetry } = workerData as WorkerSetup;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const model = (require(source.module) as { spec: SpecDefinition }).spec.build(source.args);
const plan = planChecks(model);
const hasher = loadHasher();

workerpool.worker({
  async expand(batch: Batch, spare?: ArrayBuffer) {
    // A buffer of an expansion the search has merged, back for reuse (expansion-buffers.ts).
    if (spare) giveBack(spare);
    sampleBatch(model, symmetry, batch);
    const expansion = expandBatch(model, plan, symmetry, await hasher, batch);
    return new workerpool.Transfer(expansion, transferables(expansion));
  },
});
