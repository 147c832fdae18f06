<#import "_hcl.ftl" as h>
[=header]
# Spacelift OIDC trust in AWS account [=account.name] ([=account.id]), generated from the Spacelift OIDC YAML.
# Apply this root module with credentials that may manage IAM. Each role trusts exactly the Spacelift runs
# listed in the comment above it, and only tokens whose audience is [=spacelift.audiences?join(" or ")].

terraform {
  required_version = "[=terraform.requiredVersion]"

  required_providers {
    aws = {
      source = "hashicorp/aws"
      version = "[=terraform.awsProviderVersion]"
    }
  }
}

provider "aws" {
  region = "[=account.region]"
  allowed_account_ids = <@h.stringList [account.id]/>
}

<#if account.createProvider>
resource "aws_iam_openid_connect_provider" "spacelift" {
  url = "[=spacelift.issuerUrl]"
  client_id_list = <@h.stringList spacelift.audiences/>
<#if account.thumbprints?has_content>
  thumbprint_list = <@h.stringList account.thumbprints/>
</#if>
}
<#else>
# The OIDC provider for [=spacelift.issuerUrl] already exists in this account; it must list the audiences above.
data "aws_iam_openid_connect_provider" "spacelift" {
  url = "[=spacelift.issuerUrl]"
}
</#if>
<#list account.roles as role>

# Role [=role.name] is trusted by:
<#list role.grants as grant>
#   - [=grant.describe()]
</#list>
<#if role.planFor?has_content>
# It is the planRole of <#if role.planFor?size == 1>stack<#else>stacks</#if> [=role.planFor?join(", ")]: they plan with it, pull requests too.
</#if>
<#if role.applyFor?has_content>
# <#if role.applyFor?size == 1>Stack<#else>Stacks</#if> [=role.applyFor?join(", ")] assume<#if role.applyFor?size == 1>s</#if> it only to apply (and in tasks and destroy runs), never in a PROPOSED run.
</#if>
resource "aws_iam_role" "[=role.resourceName]" {
  name = "[=role.name]"
  path = "[=role.path]"
<#if role.description??>
  description = "[=role.description]"
</#if>
<#if role.maxSessionDuration??>
  max_session_duration = [=role.maxSessionDuration]
</#if>
<#if role.permissionsBoundary??>
  permissions_boundary = "[=role.permissionsBoundary]"
</#if>
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          Federated = <#if !account.createProvider>data.</#if>aws_iam_openid_connect_provider.spacelift.arn
        }
        Action = <@h.stringList role.trustPolicy.actions/>
        Condition = {
          StringEquals = {
            "[=role.trustPolicy.audienceKey()]" = <@h.stringList role.trustPolicy.audiences/>
          }
          StringLike = {
            "[=role.trustPolicy.subjectKey()]" = [
<#list role.trustPolicy.subjects as subject>
              "[=subject]",
</#list>
            ]
          }
        }
      },
    ]
  })
<#if role.tags?has_content>

  tags = {
<#list role.tags as tag>
    "[=tag.key]" = "[=tag.value]"
</#list>
  }
</#if>
}
<#if role.managedPolicies?has_content>

resource "aws_iam_role_policy_attachment" "[=role.resourceName]" {
  for_each = toset([
<#list role.managedPolicies as arn>
    "[=arn]",
</#list>
  ])

  role = aws_iam_role.[=role.resourceName].name
  policy_arn = each.value
}
</#if>
<#list role.inlinePolicies as policy>

resource "aws_iam_role_policy" "[=policy.resourceName]" {
  name = "[=policy.name]"
  role = aws_iam_role.[=role.resourceName].id
  policy = jsonencode([=policy.document?no_esc])
}
</#list>
<#if role.statePolicy??>

# The S3 state of <#if role.statePolicy.stacks?size == 1>stack<#else>stacks</#if> [=role.statePolicy.stacks?join(", ")], whose backend uses this role: each stack's key, lock and
# key prefixes only, never the whole bucket. Generated; statePolicy: false on the role leaves it out.
resource "aws_iam_role_policy" "[=role.statePolicy.resourceName]" {
  name = "[=role.statePolicy.name]"
  role = aws_iam_role.[=role.resourceName].id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
<#list role.statePolicy.statements as statement>
      {
<@statementBody statement/>
      },
</#list>
    ]
  })
}
</#if>
</#list>

output "oidc_provider_arn" {
  description = "The ARN of the IAM OIDC provider that trusts [=spacelift.issuerUrl]."
  value = <#if !account.createProvider>data.</#if>aws_iam_openid_connect_provider.spacelift.arn
}

<#macro statementBody statement principal="" sid="">
        Sid = "[=sid?has_content?then(sid, statement.sid)]"
        Effect = "Allow"
<#if principal?has_content>
        Principal = {
          AWS = aws_iam_role.[=principal].arn
        }
</#if>
        Action = <@h.stringList statement.actions/>
        Resource = [
<#list statement.resources as resource>
          "[=resource]",
</#list>
        ]
<#if statement.conditions?has_content>
        Condition = {
<#list statement.conditions as condition>
          "[=condition.test]" = {
            "[=condition.key]" = [
<#list condition.values as value>
              "[=value]",
</#list>
            ]
          }
</#list>
        }
</#if>
</#macro>
<#-- The statements of each resource policy of another account, as one jsonencode'd list per resource. -->
<#macro statementsByResource policies>
<#list policies as policy>
    "[=policy.resource]" = jsonencode([
<#list policy.statements as statement>
      {
<@statementBody statement.statement statement.roleResourceName statement.sid/>
      },
</#list>
    ])
</#list>
</#macro>
<#if account.bucketPolicies?has_content>

# State buckets of other accounts: an identity policy alone cannot reach a bucket of another account, so the
# roles' state access also needs these statements in the bucket's own policy:
<#list account.bucketPolicies as bucket>
#   - bucket [=bucket.resource] (account [=bucket.ownerAccountId])
</#list>
output "state_bucket_policy_statements" {
  description = "For each state bucket of another account, the statements its bucket policy must add for the roles of this module."
  value = {
<@statementsByResource account.bucketPolicies/>
  }
}
</#if>
<#if account.keyPolicies?has_content>

# KMS keys of other accounts encrypt state: a key's policy must allow a role of another account, so add these
# statements to the policy of each key:
<#list account.keyPolicies as key>
#   - [=key.resource]
</#list>
output "state_kms_key_policy_statements" {
  description = "For each KMS key of another account that encrypts state, the statements its key policy must add for the roles of this module."
  value = {
<@statementsByResource account.keyPolicies/>
  }
}
</#if>

output "role_arns" {
  description = "The ARN of each role that Spacelift runs assume, by role name."
  value = {
<#list account.roles as role>
    "[=role.name]" = aws_iam_role.[=role.resourceName].arn
</#list>
  }
}
