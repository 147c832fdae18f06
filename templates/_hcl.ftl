<#-- Shared macros of the HCL templates. Output is escaped for HCL strings (see HclOutputFormat). -->
<#-- A one-line list of strings: ["a", "b"]. -->
<#macro stringList values>[<#list values as value>"[=value]"<#sep>, </#sep></#list>]</#macro>
<#-- The assume_role_with_web_identity block of a stack's provider. -->
<#macro assumeRole stack>
  assume_role_with_web_identity {
    role_arn = "[=stack.roleArn]"
    web_identity_token_file = "[=stack.tokenFile]"
    session_name = "spacelift-run-${var.spacelift_run_id}"
  }
</#macro>
