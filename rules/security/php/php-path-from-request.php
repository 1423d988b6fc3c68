<?php
$data = $_GET["data"];
// ruleid: php-path-from-request
unlink("/storage/" . $data . "/test");

// ok: php-path-from-request
unlink('/storage/foobar/test');

// ruleid: php-path-from-request
include $_GET['page'];

// ok: php-path-from-request
include __DIR__ . '/wp-hooks.php';

// ok: php-path-from-request
require_once ABSPATH . 'wp-admin/includes/plugin.php';

// ok: php-path-from-request
include __DIR__ . '/pages/' . basename($_GET['page']) . '.php';

function download(Request $request) {
    $name = $request->input('name');
    // ruleid: php-path-from-request
    return file_get_contents(storage_path('exports/' . $name));
}

function cli($path) {
    // ok: php-path-from-request
    return file_get_contents($path);
}

// ok: php-path-from-request
$json = file_get_contents('php://input');
