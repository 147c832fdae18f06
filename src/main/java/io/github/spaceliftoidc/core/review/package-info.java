/** Layer 6 of the core: the trust of the IAM files on disk against what the YAML asks for, in sentences for review. */
package io.github.spaceliftoidc.core.review;
