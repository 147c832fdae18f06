# A hand-written file that happens to have the generated file's name.
provider "aws" {
  region = "eu-west-1"
}
