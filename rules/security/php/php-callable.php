<?php
$foo = [2, 1, 3];

// ok: php-callable
var_dump(usort($foo, 'strcmp'));

// ok: php-callable
var_dump(usort($_GET['array'], 'strcmp'));

// ruleid: php-callable
var_dump(usort($foo, $_GET['sortfunc']));

function handle(Request $request) {
    $f = $request->input('callback');
    // ruleid: php-callable
    return call_user_func($f, 1);
}

function dispatch($name) {
    // ok: php-callable
    return call_user_func($name, 1);
}

$fn = $_REQUEST['fn'];
// ruleid: php-callable
array_map($fn, $foo);

function trusted(Request $request, array $ips) {
    // ok: php-callable
    return array_reduce($ips, function ($all, $ip) use ($request) {
        return $ip === 'REMOTE_ADDR' ? $request->server->get('REMOTE_ADDR') : $ip;
    }, []);
}
