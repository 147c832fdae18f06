<#import "_hcl.ftl" as h>
[=header]
# Spacelift stack [=stack.id] (space [=stack.space]) works in AWS account [=stack.account] ([=stack.accountId])
<#if stack.planRole?? && stack.legacy>
# as [=stack.planRole.arn] in PROPOSED runs
# and as [=stack.roleArn] in all others. Terraform [=terraform.version] predates OIDC
# in the S3 backend, so the before_init hook "[=hookCommand]" exports the credentials of the role
# that the run type picks, for this provider and the backend.
<#elseif stack.planRole?? && terraform.phaseAware>
# with the run's OIDC token: to plan (PROPOSED runs, and tracked runs until they apply) as
#   [=stack.planRole.arn]
# and to apply (and in tasks and destroy runs) as
#   [=stack.roleArn].
<#if stack.backend??>
# The S3 backend cannot choose by phase, so it always uses the first, which may therefore read and write the state.
</#if>
<#elseif stack.planRole??>
# with the run's OIDC token, as [=stack.planRole.arn] in PROPOSED runs
# and as [=stack.roleArn] in all others
# ([=terraform.engine.displayName()] [=terraform.version] cannot tell a run's planning from its applying: only the run type).
<#if stack.backend??>
# The S3 backend cannot choose by run type, so it always uses the first, which may therefore read and write the state.
</#if>
<#elseif stack.legacy>
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
<#if stack.planRole?? && !stack.legacy>

variable "spacelift_run_type" {
  type = string
  description = "The type of the Spacelift run (PROPOSED, TRACKED, TASK, ...), which Spacelift sets as TF_VAR_spacelift_run_type; it picks the AWS role."
}
</#if>
<#if stack.backend??>

terraform {
  backend "s3" {
    bucket = "[=stack.backend.bucket]"
    key = "[=stack.backend.key]"
    region = "[=stack.backend.region]"
<#if stack.backend.workspaceKeyPrefix??>
    workspace_key_prefix = "[=stack.backend.workspaceKeyPrefix]"
</#if>
<#if stack.backend.encrypt>
    encrypt = true
</#if>
<#if stack.backend.kmsKeyId??>
    kms_key_id = "[=stack.backend.kmsKeyId]"
</#if>
<#if stack.backend.useLockfile>
    use_lockfile = true
</#if>
<#if stack.backend.dynamodbTable??>
    dynamodb_table = "[=stack.backend.dynamodbTable]"
</#if>
<#if !stack.legacy>
    assume_role_with_web_identity = {
      role_arn = "[=stack.backend.roleArn]"
<#if stack.backend.sessionDuration??>
      duration = "[=stack.backend.sessionDuration]"
</#if>
      web_identity_token_file = "[=stack.tokenFile]"
    }
</#if>
  }
}
</#if>
