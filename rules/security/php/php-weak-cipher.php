<?php
// ruleid: php-weak-cipher
$c = openssl_encrypt($data, 'des-ede3-cbc', $key, 0, $iv);

// ruleid: php-weak-cipher
$c = openssl_encrypt($data, 'AES-128-ECB', $key);

// ok: php-weak-cipher
$c = openssl_encrypt($data, 'aes-256-gcm', $key, 0, $iv, $tag);

// ruleid: php-weak-cipher
$c = mcrypt_encrypt(MCRYPT_RIJNDAEL_128, $key, $data, MCRYPT_MODE_CBC, $iv);

// ok: php-weak-cipher
$c = sodium_crypto_secretbox($data, $nonce, $key);
