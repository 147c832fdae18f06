/** Layer 6 of the core: turns the plan into canonical, escaped HCL (and shell) through FreeMarker templates. */
package io.github.spaceliftoidc.core.render;
