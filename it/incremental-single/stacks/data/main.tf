# The stack's own, hand-written code: the plugin never touches it.
resource "aws_s3_bucket" "data" {
  bucket = "acme-data"
}
