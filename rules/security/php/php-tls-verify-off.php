<?php
$ch = curl_init($url);
// ruleid: php-tls-verify-off
curl_setopt($ch, CURLOPT_SSL_VERIFYPEER, false);

// ruleid: php-tls-verify-off
curl_setopt($ch, CURLOPT_SSL_VERIFYHOST, 0);

// ok: php-tls-verify-off
curl_setopt($ch, CURLOPT_SSL_VERIFYPEER, true);

// ok: php-tls-verify-off
curl_setopt($ch, CURLOPT_SSL_VERIFYHOST, 2);

curl_setopt_array($ch, [
    // ruleid: php-tls-verify-off
    CURLOPT_SSL_VERIFYPEER => false,
    // ok: php-tls-verify-off
    CURLOPT_TIMEOUT => 0,
]);

$ctx = stream_context_create(['ssl' => [
    // ruleid: php-tls-verify-off
    'verify_peer' => false,
    // ruleid: php-tls-verify-off
    'allow_self_signed' => true,
]]);

// ruleid: php-tls-verify-off
$client = new GuzzleHttp\Client(['verify' => false]);

// ok: php-tls-verify-off
$client = new GuzzleHttp\Client(['verify' => '/etc/ssl/internal-ca.pem']);
