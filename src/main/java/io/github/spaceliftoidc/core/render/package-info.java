/** Renders the plan through FreeMarker templates into canonical, escaped HCL (and shell). */
package io.github.spaceliftoidc.core.render;
