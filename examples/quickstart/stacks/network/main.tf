# The network stack's own code. Spacelift runs this directory; the plugin only adds spacelift-oidc-provider.tf
# beside it and never touches this file.
resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"

  tags = {
    Name = "main"
  }
}
