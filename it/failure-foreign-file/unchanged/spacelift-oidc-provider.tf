# Our own provider configuration, written by hand before we adopted the plugin.
provider "aws" {
  region = "eu-west-1"
}
