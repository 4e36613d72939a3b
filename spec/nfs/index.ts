/**
 * The NFS client write path under fatal writeback errors (docs/MODEL.md): the spec declaration
 * the CLI and the engine's workers load.
 */
import type { SpecDefinition } from '../../explorer/spec';
import { MAPPING_NON_NULL } from '../../invariants/nfs/mapping-non-null';
import { NO_REQUEST_LEAK } from '../../invariants/nfs/no-request-leak';
import { WB_PAGE_TERMINATES } from '../../invariants/nfs/wb-page-terminates';
import { buildNfsModel } from './model';
import { PARAMETERS, parseParams } from './params';
import { NOT_MODELLED, VARIANT_INFOS, findVariant } from './variants';

export const spec: SpecDefinition = {
  name: 'nfs',
  summary: 'NFS client write path under fatal writeback errors (Linux 4.19 LTS NULL dereference and soft lockup, mainline)',
  parameters: PARAMETERS,
  variants: VARIANT_INFOS,
  limitations: NOT_MODELLED,
  symmetry: true,
  propertyNames: [MAPPING_NON_NULL, WB_PAGE_TERMINATES, NO_REQUEST_LEAK],
  build(args) {
    const variant = findVariant(args.variant);
    return buildNfsModel(variant.patches, parseParams(args.params));
  },
};
