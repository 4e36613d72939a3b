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
  /** Expands `batches` in order, sending each expansion back as soon as it is built (executor.ts). */
  async expandEach(batches: Batch[], spares: ArrayBuffer[]) {
    // Buffers of expansions the search has merged, back for reuse (expansion-buffers.ts).
    for (const spare of spares) giveBack(spare);
    const hash = await hasher;
    batches.forEach((batch, index) => {
      sampleBatch(model, symmetry, batch);
      const expansion = expandBatch(model, plan, symmetry, hash, batch);
      workerpool.workerEmit(new workerpool.Transfer({ index, expansion }, transferables(expansion)));
    });
  },
});
