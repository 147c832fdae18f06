<#-- This project's stack template (v1): tags every resource of the stack. It imports the bundled _hcl.ftl. -->
<#import "_hcl.ftl" as h>
[=header]
# Stack [=stack.id] (space [=stack.space]), from this project's template v1.

provider "aws" {
  region = "[=stack.region]"
  allowed_account_ids = <@h.stringList [stack.accountId]/>

  default_tags {
    tags = {
      "spacelift:stack" = "[=stack.id]"
      "template" = "v1"
    }
  }

<@h.assumeRole stack/>
}

variable "spacelift_run_id" {
  type = string
}
