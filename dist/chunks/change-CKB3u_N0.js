const contractKinds = ['openapi', 'protobuf', 'go', 'gomod'];

export { contractKinds as c };
