<?php
$tainted = $_GET['userinput'];

// ruleid: php-sql-from-request
$user = DB::table('users')->where($tainted, 'John')->first();

// ruleid: php-sql-from-request
DB::table('users')->orderBy($tainted);

// ok: php-sql-from-request
$user = DB::table('users')->where('name', $tainted)->first();

function sorted(Request $request) {
    $column = $request->input('sort');
    // ruleid: php-sql-from-request
    return User::query()->orderBy($column)->get();
}

function sortedSafe(Request $request) {
    $column = in_array($request->input('sort'), ['name', 'email'], true) ? 'name' : 'email';
    // ok: php-sql-from-request
    return User::query()->orderBy($column)->get();
}

function update(Request $request) {
    return Validator::make($request->all(), [
        // ruleid: php-sql-from-request
        'code' => [Rule::unique('accounts')->ignore($request->account_id, 'id'), 'required'],
        // ok: php-sql-from-request
        'name' => [Rule::unique('accounts')->ignore(Auth::user()->id, 'id'), 'required'],
    ]);
}

function listing($column) {
    // ok: php-sql-from-request
    return DB::table('users')->orderBy($column)->get();
}
