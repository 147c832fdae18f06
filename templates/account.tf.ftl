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
</#list>

output "oidc_provider_arn" {
  description = "The ARN of the IAM OIDC provider that trusts [=spacelift.issuerUrl]."
  value = <#if !account.createProvider>data.</#if>aws_iam_openid_connect_provider.spacelift.arn
}

output "role_arns" {
  description = "The ARN of each role that Spacelift runs assume, by role name."
  value = {
<#list account.roles as role>
    "[=role.name]" = aws_iam_role.[=role.resourceName].arn
</#list>
  }
}
