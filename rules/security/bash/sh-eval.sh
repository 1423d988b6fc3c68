#!/bin/sh
user_cmd=$1
# ruleid: sh-eval
eval "$user_cmd"
# ruleid: sh-eval
eval $user_cmd
# ruleid: sh-eval
eval ${user_cmd}
# ruleid: sh-eval
eval "$(ssh-agent -s)"
# ruleid: sh-eval
eval `resize`
# ruleid: sh-eval
eval "export $name=\$value"
# ruleid: sh-eval
eval foo"$x"
# ruleid: sh-eval
echo issue#42 is fixed; eval "$cmd"
# ruleid: sh-eval
echo "$(eval "$inner")"
# ruleid: sh-eval
[ -n "$x" ] && builtin eval "$x"
# ok: sh-eval
eval "x=1"
# ok: sh-eval
eval 'echo $HOME'
# ok: sh-eval
eval set -- "$opts"
# ok: sh-eval
# eval "$user_cmd"
# ok: sh-eval
echo 'eval "$user_cmd"'
cat <<EOF2
# ok: sh-eval
eval "$payload"
EOF2
# ok: sh-eval
evaluate "$x"
