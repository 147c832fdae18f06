<#-- Shared macros of the HCL templates. Output is escaped for HCL strings (see HclOutputFormat). -->
<#-- A one-line list of strings: ["a", "b"]. -->
<#macro stringList values>[<#list values as value>"[=value]"<#sep>, </#sep></#list>]</#macro>
<#-- The condition under which a stack with a plan role uses its apply role: while the run applies (where the engine
     tells the phases apart), and in every phase of the run types that may change anything without a plan. -->
<#macro applying><#if terraform.phaseAware>(terraform.applying || </#if>contains(<@stringList terraform.applyRunTypes/>, var.spacelift_run_type)<#if terraform.phaseAware>)</#if></#macro>
<#-- The assume_role_with_web_identity block of a stack's provider. -->
<#macro assumeRole stack>
  assume_role_with_web_identity {
<#if stack.planRole??>
    role_arn = <@applying/> ? "[=stack.roleArn]" : "[=stack.planRole.arn]"
<#else>
    role_arn = "[=stack.roleArn]"
</#if>
<#-- The session length of the role it picks; one value where both roles have the same. -->
<#if stack.planRole?? && (stack.sessionDuration!"1h") != (stack.planRole.sessionDuration!"1h")>
    duration = <@applying/> ? "[=stack.sessionDuration!"1h"]" : "[=stack.planRole.sessionDuration!"1h"]"
<#elseif stack.sessionDuration??>
    duration = "[=stack.sessionDuration]"
</#if>
    web_identity_token_file = "[=stack.tokenFile]"
    session_name = "spacelift-run-${var.spacelift_run_id}"
  }
</#macro>
