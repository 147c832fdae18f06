[=header]
# Spacelift stack [=stack.id]: Terraform [=terraform.version] predates OIDC support in the S3 backend (1.6.0),
# so this script exchanges the run's OIDC token for temporary credentials of
#   [=stack.roleArn]
# and exports AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN for the backend and the provider.
# Add this before_init hook to the stack in Spacelift:
#   source [=hookFile]
# It never prints the credentials, and turns off xtrace while it holds them.

spacelift_oidc_assume_role() {
  _spacelift_oidc_token_file='[=stack.tokenFile]'
  _spacelift_oidc_role_arn='[=stack.roleArn]'
  if ! command -v aws >/dev/null 2>&1; then
    echo "spacelift-oidc: the aws CLI is not on PATH; use a runner image that has it" >&2
    return 1
  fi
  if [ -r "$_spacelift_oidc_token_file" ]; then
    _spacelift_oidc_token=$(cat "$_spacelift_oidc_token_file")
  elif [ -n "${SPACELIFT_OIDC_TOKEN:-}" ]; then
    _spacelift_oidc_token=$SPACELIFT_OIDC_TOKEN
  else
    echo "spacelift-oidc: no OIDC token: $_spacelift_oidc_token_file is missing and SPACELIFT_OIDC_TOKEN is unset" >&2
    return 1
  fi
  if ! _spacelift_oidc_credentials=$(aws sts assume-role-with-web-identity \
    --web-identity-token "$_spacelift_oidc_token" \
    --role-arn "$_spacelift_oidc_role_arn" \
    --role-session-name "spacelift-run-${TF_VAR_spacelift_run_id:-}" \
    --query 'Credentials.[AccessKeyId,SecretAccessKey,SessionToken]' \
    --output text); then
    echo "spacelift-oidc: aws sts assume-role-with-web-identity failed for $_spacelift_oidc_role_arn; check the role's trust policy" >&2
    return 1
  fi
  read -r AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN <<SPACELIFT_OIDC_EOF
$_spacelift_oidc_credentials
SPACELIFT_OIDC_EOF
  if [ -z "$AWS_SESSION_TOKEN" ]; then
    echo "spacelift-oidc: aws sts assume-role-with-web-identity returned no session token for $_spacelift_oidc_role_arn" >&2
    return 1
  fi
  export AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN
}

case $- in
  *x*) _spacelift_oidc_xtrace=1; set +x ;;
  *) _spacelift_oidc_xtrace= ;;
esac
spacelift_oidc_assume_role
_spacelift_oidc_status=$?
unset _spacelift_oidc_token _spacelift_oidc_credentials _spacelift_oidc_token_file _spacelift_oidc_role_arn
unset -f spacelift_oidc_assume_role
if [ -n "$_spacelift_oidc_xtrace" ]; then set -x; fi
unset _spacelift_oidc_xtrace
( exit "$_spacelift_oidc_status" )
