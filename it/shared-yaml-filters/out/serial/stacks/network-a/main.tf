# The stack's own, hand-written code: no module touches it.
resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}
