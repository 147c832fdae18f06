[=header]
# Spacelift stack [=stack.id]: Terraform [=terraform.version] predates OIDC support in the S3 backend (1.6.0),
# so this script exchanges the run's OIDC token for temporary credentials of
<#if stack.planRole??>
#   [=stack.planRole.arn] in PROPOSED runs, and of
#   [=stack.roleArn] in all others (TF_VAR_spacelift_run_type picks it),
<#else>
#   [=stack.roleArn]
</#if>
# and exports AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN for the backend and the provider.
# Add this before_init hook to the stack in Spacelift (sourced, so that the exports reach Terraform):
#   [=hookCommand]
# It needs the aws CLI, never prints the credentials, turns off xtrace while it holds them, and leaves no
# variables or functions behind other than the three exports. It fails (non-zero) with a message on stderr.

spacelift_oidc_assume_role() {
  _spacelift_oidc_token_file='[=stack.tokenFile]'
<#assign longSession = stack.sessionSeconds?? || (stack.planRole?? && stack.planRole.sessionSeconds??)>
<#if stack.planRole??>
  # Only runs that never apply get the plan role; an unknown run type gets it too, being the less privileged.
  case ${TF_VAR_spacelift_run_type:-} in
    <#list terraform.applyRunTypes as runType>'[=runType]'<#sep> | </#sep></#list>)
      _spacelift_oidc_role_arn='[=stack.roleArn]'
<#if longSession>
      _spacelift_oidc_duration='[=stack.sessionSeconds!3600]'
</#if>
      ;;
    *)
      _spacelift_oidc_role_arn='[=stack.planRole.arn]'
<#if longSession>
      _spacelift_oidc_duration='[=stack.planRole.sessionSeconds!3600]'
</#if>
      ;;
  esac
<#else>
  _spacelift_oidc_role_arn='[=stack.roleArn]'
<#if longSession>
  _spacelift_oidc_duration='[=stack.sessionSeconds]'
</#if>
</#if>
  if ! command -v aws >/dev/null 2>&1; then
    echo "spacelift-oidc: the aws CLI is not on PATH; use a runner image that has it, or Terraform 1.6 or later" >&2
    return 1
  fi
  if [ -s "$_spacelift_oidc_token_file" ]; then
    _spacelift_oidc_token=$(cat "$_spacelift_oidc_token_file") || return 1
  else
    _spacelift_oidc_token=${SPACELIFT_OIDC_TOKEN:-}
  fi
  if [ -z "$_spacelift_oidc_token" ]; then
    echo "spacelift-oidc: no OIDC token: $_spacelift_oidc_token_file is missing or empty and SPACELIFT_OIDC_TOKEN is unset" >&2
    return 1
  fi
  if ! _spacelift_oidc_credentials=$(aws sts assume-role-with-web-identity \
    --region '[=stack.region]' \
    --web-identity-token "$_spacelift_oidc_token" \
    --role-arn "$_spacelift_oidc_role_arn" \
    --role-session-name "spacelift-run-${TF_VAR_spacelift_run_id:-}" \
<#if longSession>
    --duration-seconds "$_spacelift_oidc_duration" \
</#if>
    --query 'Credentials.[AccessKeyId,SecretAccessKey,SessionToken]' \
    --output text); then
    echo "spacelift-oidc: aws sts assume-role-with-web-identity failed for $_spacelift_oidc_role_arn; check the role's trust policy" >&2
    return 1
  fi
  # The text output is "key<TAB>secret<TAB>token"; split it without a here-document (no temporary file).
  _spacelift_oidc_tab=$(printf '\t')
  _spacelift_oidc_key=${_spacelift_oidc_credentials%%"$_spacelift_oidc_tab"*}
  _spacelift_oidc_rest=${_spacelift_oidc_credentials#*"$_spacelift_oidc_tab"}
  _spacelift_oidc_secret=${_spacelift_oidc_rest%%"$_spacelift_oidc_tab"*}
  _spacelift_oidc_session=${_spacelift_oidc_rest#*"$_spacelift_oidc_tab"}
  if [ "$_spacelift_oidc_rest" = "$_spacelift_oidc_credentials" ] \
    || [ "$_spacelift_oidc_session" = "$_spacelift_oidc_rest" ] \
    || [ -z "$_spacelift_oidc_key" ] || [ "$_spacelift_oidc_key" = None ] \
    || [ -z "$_spacelift_oidc_secret" ] || [ "$_spacelift_oidc_secret" = None ] \
    || [ -z "$_spacelift_oidc_session" ] || [ "$_spacelift_oidc_session" = None ]; then
    echo "spacelift-oidc: aws sts assume-role-with-web-identity returned no complete credentials for $_spacelift_oidc_role_arn" >&2
    return 1
  fi
  case $_spacelift_oidc_session in
    *"$_spacelift_oidc_tab"*)
      echo "spacelift-oidc: aws sts assume-role-with-web-identity returned more than the three credentials for $_spacelift_oidc_role_arn" >&2
      return 1
      ;;
  esac
  AWS_ACCESS_KEY_ID=$_spacelift_oidc_key
  AWS_SECRET_ACCESS_KEY=$_spacelift_oidc_secret
  AWS_SESSION_TOKEN=$_spacelift_oidc_session
  export AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN
}

case $- in
  *x*) _spacelift_oidc_xtrace=1; set +x ;;
  *) _spacelift_oidc_xtrace= ;;
esac
_spacelift_oidc_status=0
spacelift_oidc_assume_role || _spacelift_oidc_status=$?
unset _spacelift_oidc_token_file _spacelift_oidc_role_arn _spacelift_oidc_duration _spacelift_oidc_token \
  _spacelift_oidc_credentials \
  _spacelift_oidc_tab _spacelift_oidc_key _spacelift_oidc_rest _spacelift_oidc_secret _spacelift_oidc_session
unset -f spacelift_oidc_assume_role
if [ -n "$_spacelift_oidc_xtrace" ]; then set -x; fi
unset _spacelift_oidc_xtrace
# The sourcing shell sees this status; the variable that held it is gone by then.
eval "unset _spacelift_oidc_status; ( exit $_spacelift_oidc_status )"
