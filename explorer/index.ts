/** The explorer's public face: everything else in this folder is its machinery. */
export type { Model, Transition, Property, Check, Canonical, PatchInfo } from './model';
export type { SpecDefinition, IntParameter, VariantInfo, SpecArgs, ModelSource } from './spec';
export type { ExploreOptions, Progress } from './options';
export * from './result';
export { explore } from './explore';
