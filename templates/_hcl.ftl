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
<#assign applyDuration = stack.sessionDuration!"1h">
<#assign planDuration = stack.planRole.sessionDuration!"1h">
<#if applyDuration != planDuration>
    duration = <@applying/> ? "[=applyDuration]" : "[=planDuration]"
<#elseif stack.sessionDuration??>
    duration = "[=stack.sessionDuration]"
</#if>
<#else>
    role_arn = "[=stack.roleArn]"
<#if stack.sessionDuration??>
    duration = "[=stack.sessionDuration]"
</#if>
</#if>
    web_identity_token_file = "[=stack.tokenFile]"
    session_name = "spacelift-run-${var.spacelift_run_id}"
  }
</#macro>
