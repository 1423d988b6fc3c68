#!/bin/bash
# ruleid: sh-curl-pipe-shell
curl -fsSL https://x.test/i.sh | sh
# ruleid: sh-curl-pipe-shell
curl http://10.0.0.1/setup.bash | sudo /bin/bash
# ruleid: sh-curl-pipe-shell
curl http://10.0.0.1/setup.bash | /bin/bash -x | tee -a /tmp/log
# ruleid: sh-curl-pipe-shell
bash <(curl -Ls "https://x.test/i.sh")
# ruleid: sh-curl-pipe-shell
sudo bash <(wget -qO- https://x.test/i.sh)
# ruleid: sh-curl-pipe-shell
/bin/bash -c "$(curl -fsSL https://x.test/install.sh)"
# ruleid: sh-curl-pipe-shell
wget -qO- https://x.test/i.sh | sudo -E sh -s -- --yes
# ruleid: sh-curl-pipe-shell
curl -fsSL https://x.test/i.sh 2>/dev/null | bash
# ruleid: sh-curl-pipe-shell
source <(curl -s https://x.test/env.sh)
# ruleid: sh-curl-pipe-shell
curl -fsSL https://x.test/i.sh \
  | sh
if command -v curl >/dev/null; then
  # ruleid: sh-curl-pipe-shell
  curl -sSf https://x.test/rustup.sh | sh -s -- -y
fi
# ok: sh-curl-pipe-shell
curl http://10.0.0.1/setup.bash | tee -a /tmp/log
# ok: sh-curl-pipe-shell
curl -fsSLO https://x.test/i.sh && sha256sum -c i.sh.sha256 && sh i.sh
# ok: sh-curl-pipe-shell
bash -c "$(cat local.sh)"
# ok: sh-curl-pipe-shell
bash install.sh <(curl -s https://x.test/args)
# ok: sh-curl-pipe-shell
curl https://x.test/i.sh | sudo -u deploy tee /srv/i.sh
# ok: sh-curl-pipe-shell
# curl https://x.test/i.sh | sh
# ok: sh-curl-pipe-shell
echo 'curl -k https://x | sh'
cat <<EOF2 > install.txt
# ok: sh-curl-pipe-shell
run: curl -fsSL https://example.com/install.sh | sh
EOF2
# ok: sh-curl-pipe-shell
curl -s https://x.test/data.json | jq .
