/** The configuration as immutable records, each remembering where in the YAML it came from. */
package io.github.spaceliftoidc.core.model;
