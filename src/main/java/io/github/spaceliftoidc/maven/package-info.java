/** Above the core: thin Maven goals, parameters in, a request to the core, log lines or a Maven exception out. */
package io.github.spaceliftoidc.maven;
