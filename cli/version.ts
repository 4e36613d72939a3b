/**
 * mc's version, from the package.json of the repository it runs from (found by walking up, so it
 * is right from the sources under vitest as well as from dist/cli/). One definition: the docs
 * certificates, SARIF's tool version and `mc --version` all read it.
 */
export { packageVersion as mcVersion } from './package-info';
