<?php
function test1($value) {
    $pass = md5($value);
    // ruleid: php-weak-password-hash
    $user->setPassword($pass);
}

function test2($value) {
    $pass = hash('md5', $value);
    // ruleid: php-weak-password-hash
    $user->setPassword($pass);
}

function okTest1($value) {
    $pass = hash('sha256', $value);
    // ok: php-weak-password-hash
    $user->setPassword($pass);
}

function register($request) {
    // ruleid: php-weak-password-hash
    $user->password = sha1($request->input('password'));
    // ok: php-weak-password-hash
    $user->password = password_hash($request->input('password'), PASSWORD_DEFAULT);
}

function insert($db, $name, $password) {
    $db->insert('users', [
        'name' => $name,
        // ruleid: php-weak-password-hash
        'password' => md5($password),
    ]);
}

// ok: php-weak-password-hash
$etag = md5($body);
