#!/bin/bash
# ruleid: sh-tls-insecure
curl -k https://internal/api
# ruleid: sh-tls-insecure
curl -kfsSL https://internal/api -o out
# ruleid: sh-tls-insecure
curl -fsSL "$url" --insecure
# ruleid: sh-tls-insecure
wget --no-check-certificate https://x
# ruleid: sh-tls-insecure
sudo /usr/bin/curl -sk https://internal/api
# ruleid: sh-tls-insecure
body=$(curl -s -k "https://$host/health")
# ruleid: sh-tls-insecure
curl \
  --insecure \
  https://internal/api
# ok: sh-tls-insecure
curl --cacert /etc/ssl/internal-ca.pem https://internal/api
# ok: sh-tls-insecure
curl -fsSL https://example.com/file -o file
# ok: sh-tls-insecure
wget -q https://example.com/file
# ok: sh-tls-insecure
sudo -k curl https://example.com/file
# ok: sh-tls-insecure
curl https://x; ls -k
# ok: sh-tls-insecure
# curl -k https://internal/api
# ok: sh-tls-insecure
echo 'curl -k https://x | sh'
# ok: sh-tls-insecure
curl "-k" https://x
cat <<-'QUOTED'
	# ok: sh-tls-insecure
	curl -k https://internal/api
	QUOTED
