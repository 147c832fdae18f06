<#import "_hcl.ftl" as h>
[=header]
# Spacelift stack [=stack.id] (space [=stack.space]) works in AWS account [=stack.account] ([=stack.accountId])
<#if stack.legacy>
# as [=stack.roleArn]. Terraform [=terraform.version] predates OIDC in the S3 backend, so
# the before_init hook "[=hookCommand]" exports the role's credentials for this provider.
<#else>
# as [=stack.roleArn], with the run's OIDC token.
</#if>
# The stack's own code must not declare another default provider "aws"<#if stack.backend??> or another backend</#if>.

provider "aws" {
  region = "[=stack.region]"
  allowed_account_ids = <@h.stringList [stack.accountId]/>
<#if !stack.legacy>

<@h.assumeRole stack/>
</#if>
}
<#list stack.aliases as alias>

provider "aws" {
  alias = "[=alias.name]"
  region = "[=alias.region]"
  allowed_account_ids = <@h.stringList [stack.accountId]/>
<#if !stack.legacy>

<@h.assumeRole stack/>
</#if>
}
</#list>

variable "spacelift_run_id" {
  type = string
<#if stack.legacy>
  description = "The ID of the Spacelift run, which Spacelift sets as TF_VAR_spacelift_run_id; the before_init hook names the AWS session after it."
<#else>
  description = "The ID of the Spacelift run, which Spacelift sets as TF_VAR_spacelift_run_id; it names the AWS session."
</#if>
}
<#if stack.backend??>

terraform {
  backend "s3" {
    bucket = "[=stack.backend.bucket]"
    key = "[=stack.backend.key]"
    region = "[=stack.backend.region]"
<#if stack.backend.dynamodbTable??>
    dynamodb_table = "[=stack.backend.dynamodbTable]"
</#if>
<#if !stack.legacy>
    assume_role_with_web_identity = {
      role_arn = "[=stack.roleArn]"
      web_identity_token_file = "[=stack.tokenFile]"
    }
</#if>
  }
}
</#if>
