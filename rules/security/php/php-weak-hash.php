<?php
// ruleid: php-weak-hash
$hashed_password = crypt('mypassword');

// ruleid: php-weak-hash
$hash = md5($password);

// ruleid: php-weak-hash
$sum = sha1_file('filename.txt');

// ruleid: php-weak-hash
$pass = hash('md5', $value);

// ok: php-weak-hash
$pass = hash('sha256', $value);

// ok: php-weak-hash
$hash = password_hash($password, PASSWORD_DEFAULT);

// ok: php-weak-hash
$h = sodium_crypto_generichash('mypassword');

// ruleid: php-weak-hash
$x = str_rot13('totally secure');
