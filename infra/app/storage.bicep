// The lake (one container per layer), the serving tables, the stage queue, and the deployment package container.
// Shared-key access is off: every client authenticates with Entra ID.
param name string
param location string
param tags object

var containers = [ 'bronze', 'silver', 'gold', 'quarantine', 'models', 'billing-exports', 'uploads', 'deployments' ]
// Kept in step with ServingTables.All (checked by a test).
var tables = [ 'ServingVersion', 'Recommendations', 'SimilarItems', 'Trending', 'Forecasts', 'ForecastAccuracy', 'CostForecasts', 'CostAnomalies', 'TagSuggestions', 'Runs', 'Models', 'ApiKeys', 'Audit', 'Counters' ]
var queues = [ 'pipeline-stages', 'pipeline-stages-poison' ]

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    isHnsEnabled: false
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: account
  name: 'default'
  properties: { deleteRetentionPolicy: { enabled: true, days: 14 } }
}

resource blobContainers 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = [for c in containers: {
  parent: blobService
  name: c
}]

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource serviceTables 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = [for t in tables: {
  parent: tableService
  name: t
}]

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource stageQueues 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = [for q in queues: {
  parent: queueService
  name: q
}]

output name string = account.name
output deploymentContainerName string = 'deployments'
