/**
 * What a spec module declares around its model, so that the CLI can build flags and help from it
 * and worker threads can rebuild the model without the CLI or the engine knowing the spec.
 */
import type { Model, PatchInfo } from './model';

/** An integer parameter, e.g. `--writers 1..4 (2)`. */
export interface IntParameter {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly default: number;
  readonly help: string;
}

/** One variant of the spec (for the NFS spec: one kernel tree). */
export interface VariantInfo {
  readonly id: string;
  /** Where it lives, e.g. `4.19.298-4.19.325`. */
  readonly version: string;
  /** One line. */
  readonly summary: string;
  /** Extra lines for `mc variants` (patches applied, commits). */
  readonly details?: readonly string[];
  /**
   * Caveats a verdict needs next to it, one sentence each: docs/PROPERTIES.md prints them with the
   * variant's verdicts (`details` has them too, for `mc variants`).
   */
  readonly notes?: readonly string[];
  /**
   * The changes over the spec's base that make up this variant, in order (data: `mc diff` lists
   * what one variant has and the other lacks).
   */
  readonly patches?: readonly PatchInfo[];
}

/** What a user chose: a variant (when the spec has any) and every integer parameter. */
export interface SpecArgs {
  readonly variant?: string;
  readonly params: Readonly<Record<string, number>>;
}

export interface SpecDefinition {
  readonly name: string;
  /** One sentence for `mc --help` and `mc specs`. */
  readonly summary: string;
  readonly parameters: readonly IntParameter[];
  /** When present, `--variant` must be one of these; it is required unless `defaultVariant` is set. */
  readonly variants?: readonly VariantInfo[];
  readonly defaultVariant?: string;
  /** What the spec leaves out, one item a line: shown with its variants, so verdicts are read right. */
  readonly limitations?: readonly string[];
  /** Whether `build` gives a model with `canonical` (symmetry reduction available). */
  readonly symmetry: boolean;
  /** Names of the properties the model checks (for `--expect` validation without building). */
  readonly propertyNames: readonly string[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  build(args: SpecArgs): Model<any>;
}

/**
 * How a worker thread finds the spec: the module's file (it must export `spec`) and the args.
 * Plain data, so it crosses thread boundaries.
 */
export interface ModelSource {
  readonly module: string;
  readonly args: SpecArgs;
}
