const contractKinds = [
    'openapi',
    'protobuf',
    'go',
    'gomod',
    'migrations'
];

export { contractKinds as c };
